def load(d):
    try:
        return d["key"]
    except KeyError as e:
        raise ValueError("config incomplete") from e

load({})
