class Bad:
    def __str__(self):
        return 42
    def __repr__(self):
        return None
try:
    str(Bad())
except TypeError as e:
    print(e)
try:
    repr(Bad())
except TypeError as e:
    print(e)
