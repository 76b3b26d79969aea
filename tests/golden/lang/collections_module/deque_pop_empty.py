# Popping from an empty deque raises IndexError; here it is not caught.
from collections import deque

todo = deque(["wash", "dry"])
while True:
    print("doing", todo.popleft())
