# print(file=obj) calls obj.write once per piece: items, separators, end.
class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, text):
        self.calls.append(text)


r = Recorder()
print("a", 1, [2], sep=", ", end="!\n", file=r)
print(r.calls)
print(file=r)
print(r.calls[-1] == "\n", len(r.calls))
