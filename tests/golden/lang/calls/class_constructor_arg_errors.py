class P:
    def __init__(self, x, y):
        pass
class E: pass
try:
    P(1)
except TypeError as e:
    print(e)
try:
    P(1, 2, 3)
except TypeError as e:
    print(e)
try:
    P(1, y=2, z=3)
except TypeError as e:
    print(e)
try:
    E(1)
except TypeError as e:
    print(e)
try:
    E(a=1)
except TypeError as e:
    print(e)
