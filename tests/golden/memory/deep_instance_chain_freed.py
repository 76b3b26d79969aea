class Node:
    pass
head = None
for i in range(1000000):
    n = Node()
    n.next = head
    head = n
del n
del head
print("freed")
