try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise TypeError("middle") from e
except TypeError:
    raise RuntimeError("top")
