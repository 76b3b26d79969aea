# deque's error messages for bad indexes and missing values.
from collections import deque

d = deque([1, 2, 3])
for i in (3, -4, 10):
    try:
        d[i]
    except IndexError as e:
        print("get", i, type(e).__name__, e)
try:
    d[5] = 0
except IndexError as e:
    print("set", type(e).__name__, e)
try:
    deque().pop()
except IndexError as e:
    print("pop", type(e).__name__, e)
try:
    deque().popleft()
except IndexError as e:
    print("popleft", type(e).__name__, e)
try:
    d.remove(9)
except ValueError as e:
    print("remove", type(e).__name__, e)
try:
    d.index(9)
except ValueError as e:
    print("index", type(e).__name__, e)
try:
    deque([1], maxlen=-1)
except ValueError as e:
    print("maxlen", type(e).__name__, e)
