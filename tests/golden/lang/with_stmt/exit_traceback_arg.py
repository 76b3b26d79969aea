class Check:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print(et is ZeroDivisionError, type(ev).__name__, type(tb).__name__, tb.tb_lineno)
        return True
with Check():
    x = 1
    1 / 0
print("ok")
