# Pretty-print nested data like a small JSON encoder, with escaping and sorting.
def encode(value, indent=0, step=2):
    pad = " " * indent
    inner = " " * (indent + step)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        out = '"'
        for ch in value:
            if ch == '"':
                out += '\\"'
            elif ch == "\\":
                out += "\\\\"
            elif ch == "\n":
                out += "\\n"
            else:
                out += ch
        return out + '"'
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [inner + encode(v, indent + step, step) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [inner + encode(str(k)) + ": " + encode(value[k], indent + step, step) for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not serializable")

doc = {"name": "refpy", "version": (0, 1), "tags": ["memory", "gc"], "ok": True,
       "ratio": 1.84, "nested": {"empty": [], "none": None, "quote": 'say "hi"\n'}}
print(encode(doc))
try:
    encode({"bad": {1, 2}})
except TypeError as e:
    print("error:", e)
