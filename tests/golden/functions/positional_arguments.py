def add3(a, b, c):
    return a + b + c
print(add3(1, 2, 3))
print(add3("a", "b", "c"))
def describe(name, count):
    print(name, "x", count)
describe("apples", 3)
