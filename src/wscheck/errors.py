"""Exit codes and the errors that map onto them.

Every error a user can cause ends as one line on stderr and one of these codes;
tracebacks are reserved for bugs.
"""
from __future__ import annotations

EXIT_OK = 0  # every rule passed (warnings allowed)
EXIT_RULE_FAILED = 1  # at least one paper failed a rule
EXIT_USAGE = 2  # bad command line, unknown venue, invalid rule set
EXIT_UNREADABLE = 3  # a PDF could not be read, or a rule could not be checked on it
EXIT_INTERNAL = 4  # wscheck itself failed: a bug to report

ISSUES_URL = "https://github.com/wscheck/wscheck/issues"

EXIT_CODES_HELP = """\
Exit codes:
  0  every rule passed (warnings allowed)
  1  a rule failed (with several files: any paper failed a rule)
  2  usage error, unknown venue or invalid rule set
  3  a PDF could not be read, or a rule could not be checked on it (with
     several files: none failed a rule, but at least one had such an error)
  4  internal error in wscheck (please report it; --debug shows the traceback)"""


class WscheckError(Exception):
    """Base class: an error with a one-line message and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(self.message.split())


class PdfReadError(WscheckError):
    """The file cannot be analysed as a PDF (missing, not a PDF, damaged, encrypted...)."""

    exit_code = EXIT_UNREADABLE
    reason: str | None = None  # the cause without the file's name, where a report names the file already


def naming_file(error: Exception | str, path: str) -> str:
    """The one-line message of `error`, starting with the file it is about unless it names it already."""
    message = " ".join(str(error).split())
    return message if path in message else f"{path}: {message}"


def naming_shown_file(error: Exception | str, path: str, shown: str) -> str:
    """`naming_file` for a file shown under another name (`textsafe.display_path`): the message names it as shown.

    The message is made one line (white space collapsed), so the path in it may be the
    collapsed form of `path`; either form becomes `shown`, which is kept as it is.
    """
    message = " ".join(str(error).split())
    for form in dict.fromkeys((path, " ".join(path.split()))):
        if message.startswith(form + ": "):
            return f"{shown}: {message[len(form) + 2:]}"
        message = message.replace(form, shown)
    return message if shown in message else f"{shown}: {message}"


class CouldNotCheck(Exception):
    """A rule could not be checked on this paper (a time budget ran out, a part was too large to read...).

    Raised by a check; the rule's status becomes `error` with this message, never a pass.
    """

    def __str__(self) -> str:  # one line, always
        return " ".join(super().__str__().split())


class RuleSetError(WscheckError):
    """A rule set file is invalid; the message names the file and line."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class UsageError(WscheckError):
    exit_code = EXIT_USAGE
