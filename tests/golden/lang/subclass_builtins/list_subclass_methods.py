# A list subclass keeps every list operation and adds its own methods.
class Stack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), s[0], s[1:])
print(type(s).__name__, isinstance(s, list), type(s[1:]).__name__)
s.sort(reverse=True)
print(s, 3 in s, list(reversed(s)))
