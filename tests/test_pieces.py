"""`pieces.assemble`: a file made with old pieces reused is the file made from nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summitnotes.pieces import Shape, assemble

texts = st.lists(st.text(max_size=12), max_size=8)


@given(texts, texts, st.data())
def test_reusing_pieces_gives_the_bytes_of_a_fresh_file(
    before: list[str], after: list[str], data: st.DataObject
) -> None:
    def shape(pieces: list[str]) -> Shape:
        return Shape("f", b"[", lambda i: pieces[i].encode(), b", ", lambda: b"]\n")

    # a piece's key stands for its text, as a page's key stands for its inputs
    old, layout = assemble(shape(before), [f"k:{t}" for t in before])
    keys = [data.draw(st.sampled_from([f"k:{t}", None])) for t in after]
    fresh, _ = assemble(shape(after), keys)
    reused, made = assemble(shape(after), keys, old, layout)
    assert reused == fresh == ("[" + ", ".join(after) + "]\n").encode()
    for key, (start, end) in made.spans.items():
        assert reused[start:end] == key.removeprefix("k:").encode()
