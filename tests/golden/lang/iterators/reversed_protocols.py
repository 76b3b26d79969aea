# reversed() uses __reversed__, else __len__ with __getitem__.
class Countdown:
    def __reversed__(self):
        return iter([1, 2, 3])


class Seq:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return i * 10


print(list(reversed(Countdown())), list(reversed(Seq())))
try:
    reversed(object())
except TypeError as e:
    print(e)
