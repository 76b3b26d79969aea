try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print(repr(e), e.args)
try:
    assert []
except AssertionError as e:
    print(repr(e), e.args)
x = 3
assert x == 3, "not reached"
print("ok")
