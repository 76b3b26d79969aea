values = [0, 1, -1, 0.0, 0.5, "", "a", " ", [], [0], (), (0,), {}, {0: 0}, None, True, False, range(0), range(1)]
for v in values:
    if v:
        print(repr(v), "is true")
    else:
        print(repr(v), "is false")
