class Raiser:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError("from exit")
try:
    with Raiser():
        raise ValueError("body")
except RuntimeError as e:
    print(e, repr(e.__context__))
