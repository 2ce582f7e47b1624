"""Guessing which family a loaded checkpoint belongs to, so a wrong file gets a message that says so.

Why: the commonest user mistake is passing the right kind of file to the wrong converter (a MixNMatch G.pth
to `convert giraffe`, a GIRAFFE-HD ckpt to `convert giraffe`); "missing keys: decoder.fc_in.weight, ..."
would be true but unhelpful.
"""


def _keys(obj):
    return [k for k in obj if isinstance(k, str)] if isinstance(obj, dict) else []


def guess_family(obj) -> str:
    """'giraffe', 'giraffe-hd', 'mixnmatch-G', 'mixnmatch-E', 'mixnmatch-EX', or 'unknown'."""
    keys = _keys(obj)
    if "model" in keys and isinstance(obj["model"], dict):
        inner = _keys(obj["model"])
        if any(k.startswith(("generator.", "generator_test.")) for k in inner):
            return "giraffe"
    if {"g_ema", "g"} & set(keys) and "args" in keys:
        return "giraffe-hd"
    flat = [k[7:] if k.startswith("module.") else k for k in keys]
    if any(k.startswith("decoder.fc_in") for k in flat):
        return "giraffe"
    if any(k.startswith(("background_stage.", "parent_stage.", "child_stage.")) for k in flat):
        return "mixnmatch-G"
    if any(k.startswith(("model_z.", "model_b.", "model_p.", "model_c.")) for k in flat):
        return "mixnmatch-E"
    if any(k.startswith(("first", "down", "up")) for k in flat) and len(flat) < 200:
        return "mixnmatch-EX"
    return "unknown"
