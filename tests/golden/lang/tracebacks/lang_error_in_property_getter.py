class C:
    @property
    def value(self):
        return self._value

c = C()
print(c.value)
