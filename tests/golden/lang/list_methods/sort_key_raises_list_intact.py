# A raising key function leaves the list as it was, even with reverse=True;
# the key's error wins over "list modified during sort".
def key(x):
    if x == 2:
        raise KeyError(x)
    return -x


p = [1, 3, 2, 4]
try:
    p.sort(key=key, reverse=True)
except KeyError as e:
    print("KeyError", e)
print(p)


def meddling_key(x):
    p.append(99)
    if x == 4:
        raise RuntimeError("boom")
    return x


try:
    p.sort(key=meddling_key)
except RuntimeError as e:
    print("RuntimeError", e)
print(p)
print(sorted([3, 1, 2], key=lambda x: x))
try:
    sorted([3, 1, 2], key=lambda x: 1 / (x - 1))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
