x = 5
s = 's'
l = [1]
n = None
class C: pass
try:
    x()
except TypeError as e:
    print(e)
try:
    s()
except TypeError as e:
    print(e)
try:
    C()()
except TypeError as e:
    print(e)
try:
    l()
except TypeError as e:
    print(e)
try:
    n()
except TypeError as e:
    print(e)
