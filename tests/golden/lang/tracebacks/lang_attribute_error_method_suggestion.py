class Stack:
    def push(self, x):
        pass

Stack().psuh(1)
