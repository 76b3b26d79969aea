# A longer program (about 500 steps) for the browser test's draw-time measure:
# linked nodes, lists and dicts that grow and shrink, and cycles the collector frees.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None


def chain(n):
    head = None
    for i in range(n):
        node = Node(i)
        node.next = head
        head = node
    return head


def total(head):
    s = 0
    while head is not None:
        s += head.value
        head = head.next
    return s


table = {}
history = []
for round in range(7):
    head = chain(4)
    table[round] = total(head)
    history.append([round, table[round]])
    a = Node("a")
    b = Node("b")
    a.next = b
    b.next = a
    del a, b
    if round % 2 == 1:
        history.pop(0)
        gc.collect()
print(table)
print(history)
