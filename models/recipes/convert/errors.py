"""One error type for everything a user can get wrong, so the CLI prints a message and exits 2.

Why: a stack trace is not a message. Every check (file, family, config, keys, shapes) raises ConvertError
with a sentence that names what is wrong and what to do.
"""


class ConvertError(Exception):
    """A problem with the user's input (checkpoint, config name, output path)."""
