class C:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        bad = [i * factor for i in items]
    except NameError as e:
        err = str(e)
    factor = 2
print(C.doubled, C.err)
