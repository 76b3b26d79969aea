class C:
    x = 5
    def m(self):
        try:
            return x
        except NameError as e:
            return str(e)
    y = x * 2
print(C().m(), C.y)
