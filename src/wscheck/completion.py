"""Shell completion (click's): venue ids for --venue, files for paths.

Enable it once per shell, e.g. for bash in ~/.bashrc:

    eval "$(_WSCHECK_COMPLETE=bash_source wscheck)"

(zsh: `zsh_source`, fish: `fish_source`). The README's "Shell completion" says more.
"""
from __future__ import annotations

from click.shell_completion import CompletionItem


def complete_venue(ctx, param, incomplete: str) -> list[CompletionItem]:
    """Built-in venue ids starting with what was typed (in any case)."""
    from wscheck.ruleset import venue_ids

    typed = incomplete.lower()
    return [CompletionItem(venue_id) for venue_id in venue_ids() if venue_id.lower().startswith(typed)]


def complete_venue_or_file(ctx, param, incomplete: str) -> list[CompletionItem]:
    """`rules show ID_OR_FILE`: venue ids, else the shell's own file completion."""
    return complete_venue(ctx, param, incomplete) or [CompletionItem(incomplete, type="file")]


def complete_path(ctx, param, incomplete: str) -> list[CompletionItem]:
    """PDFs and folders: left to the shell's file completion."""
    return [CompletionItem(incomplete, type="file")]
