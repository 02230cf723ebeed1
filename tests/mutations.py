"""Random mutations of instructors' files, for property-based robustness tests."""

from __future__ import annotations

from hypothesis import strategies as st


def mutate(text: str, data: st.DataObject) -> bytes:
    """One random mutation of a file's text: delete lines, replace characters, cut, or add bytes."""
    lines = text.splitlines(keepends=True)
    kind = data.draw(st.sampled_from(["delete", "replace", "truncate", "bytes", "swap"]))
    if kind == "delete":
        start = data.draw(st.integers(0, len(lines) - 1))
        count = data.draw(st.integers(1, 5))
        return "".join(lines[:start] + lines[start + count :]).encode()
    if kind == "replace":
        chars = list(text)
        for _ in range(data.draw(st.integers(1, 8))):
            index = data.draw(st.integers(0, len(chars) - 1))
            chars[index] = data.draw(st.sampled_from(list(" \t\n:-[]{}#&*!|>'\"%@,x0Q\x00é")))
        return "".join(chars).encode()
    if kind == "truncate":
        return text.encode()[: data.draw(st.integers(0, len(text)))]
    if kind == "swap":
        a, b = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
        lines[a], lines[b] = lines[b], lines[a]
        return "".join(lines).encode()
    index = data.draw(st.integers(0, len(text)))
    noise = data.draw(st.binary(min_size=1, max_size=20))
    raw = text.encode()
    return raw[:index] + noise + raw[index:]


def deep_nesting(depth: int) -> bytes:
    """A YAML document nested `depth` levels deep."""
    return ("a:\n" + "".join("  " * i + "- \n" for i in range(1, depth))).encode()


def alias_bomb() -> bytes:
    """The "billion laughs": aliases that expand exponentially."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return ("\n".join(lines) + "\n").encode()
