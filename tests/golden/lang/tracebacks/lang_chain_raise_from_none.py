try:
    {}["a"]
except KeyError:
    raise LookupError("clean") from None
