class Node:
    def __init__(self, nxt):
        self.nxt = nxt

    def length(self):
        return 1 + self.nxt.length()

Node(Node(None)).length()
