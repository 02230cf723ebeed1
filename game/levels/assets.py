"""Resolve asset paths written in a level so they can never leave the level's folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def resolve_asset(level_dir: str | Path, relative: str) -> Path:
    """The asset's real path inside level_dir; ValueError for absolute paths, `..` or escaping links."""
    if not relative or not relative.strip():
        raise ValueError("the asset path is empty")
    posix, windows = PurePosixPath(relative), PureWindowsPath(relative)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or relative.startswith("\\"):
        raise ValueError(
            f"asset path {relative!r} is absolute; write it relative to the level file"
        )
    if ".." in posix.parts or ".." in windows.parts:
        raise ValueError(
            f"asset path {relative!r} uses '..'; assets must sit in the level's folder"
        )
    root = Path(level_dir).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"asset path {relative!r} leads outside the level's folder (via a link)")
    return target
