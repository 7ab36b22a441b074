"""The first known words a process meets, made permanent in its vocab ahead of memory zones.

``extract_documents`` parses each batch inside ``nlp.memory_zone()``: what the batch added
to the vocab (lexemes, strings, the tokenizer's cache entry of each whitespace-separated
chunk) goes at the zone's end, so a worker's memory does not grow with the corpus. But
en_core_web_sm ships 2,748 lexemes, so nearly every word is new to each zone and is made
again in every batch. Tokenizing a worker's half of the 1,410 readouts (every other file,
longest first, in batches as planned) took 1.68-1.78 s of CPU in zones; 715 of the
5,000-document slice's documents, 13.4-13.6 s.

``PermanentWords`` tokenizes, outside any zone, the first distinct chunks a process is
given whose string the model already knows (words, not names, numbers or "word,"), up
to a fixed count, so the words its corpus uses most are made once. With 8,000 the same
tokenizing took 0.68-0.73 s and 5.8 s, making them included (0.25-0.27 s); 4,000 gave
0.85 and 7.6 s, 16,000 0.73 and 6.0 s. They hold 3.3-4.2 MiB (tracemalloc; 7,365 and
7,612 lexemes). Taking any chunk instead, the slice's 8,000 made 8,832 lexemes in 6.1
MiB against the readouts' 3.1: new strings come along. A count of known chunks keeps a
worker's share the same whatever the corpus and its size. A lexeme is the same kept or
dropped, so what is extracted does not change.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

PERMANENT_CHUNKS = 8_000


class PermanentWords:
    """Counts down the chunks still to be made permanent in one process's vocab."""

    def __init__(self, chunks: int = PERMANENT_CHUNKS):
        self.left = chunks
        self._seen: set[str] = set()

    def take(self, nlp: Language, texts: Iterable[str]) -> int:
        """Tokenize the chunks of ``texts`` the model knows and this has not met, while any
        are left to take (call it outside a memory zone); returns how many it took."""
        taken = 0
        known = nlp.vocab.strings
        for text in texts:
            if self.left <= 0:
                break
            for chunk in text.split():
                if chunk in self._seen or chunk not in known:
                    continue
                self._seen.add(chunk)
                nlp.tokenizer(chunk)
                taken += 1
                self.left -= 1
                if self.left <= 0:
                    self._seen = set()  # not needed any more
                    break
        return taken
