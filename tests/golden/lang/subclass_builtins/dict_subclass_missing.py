# __missing__ supplies values for absent keys of a dict subclass.
class Zeros(dict):
    def __missing__(self, key):
        return 0


z = Zeros(a=1)
z["b"] += 5
print(z, z["a"], z["nope"], z.get("nope"), "nope" in z)
