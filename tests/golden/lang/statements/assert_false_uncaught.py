x = 2
assert x > 1
assert x > 5, f"x is {x}"
