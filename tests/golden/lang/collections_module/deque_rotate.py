# deque.rotate: positive n moves items right, negative n moves them left.
from collections import deque

d = deque(range(1, 7))
d.rotate()
print("rotate()  ", d)
d.rotate(2)
print("rotate(2) ", d)
d.rotate(-3)
print("rotate(-3)", d)
d.rotate(-1)
print("rotate(-1)", d)
d.rotate(13)
print("rotate(13)", d)
d.rotate(-13)
print("rotate(-13)", d)
d.rotate(0)
print("rotate(0) ", d)
e = deque()
e.rotate(5)
print("empty", e)
# A round-robin over players using rotate.
players = deque(["ann", "bob", "cy"])
for turn in range(5):
    print(turn, players[0])
    players.rotate(-1)
