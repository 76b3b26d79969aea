# Documented interning rule (hand-written expectation): one occurrence of a long
# literal in the source is one constant, so evaluating it twice (here in a
# loop) yields the same object. CPython agrees.
first = None
for i in range(2):
    s = "a very very very long string that might not be interned"
    if first is None:
        first = s
    else:
        print(s is first)
