class C:
    def __init__(self):
        self.v = 1
c = C()
c.v += 5
l = [1, 2]
l[0] *= 10
d = {"k": "a"}
d["k"] += "b"
def key():
    print("key evaluated")
    return 1
l[key()] -= 1
print(c.v, l, d)
