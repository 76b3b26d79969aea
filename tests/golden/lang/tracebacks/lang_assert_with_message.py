def check(n):
    assert n >= 0, f"negative: {n}"
    return n

check(3)
check(-2)
