# dir() lists attribute names sorted; public names of instances, classes, lists.
class Animal:
    legs = 4

    def speak(self):
        return "..."


class Dog(Animal):
    def speak(self):
        return "woof"


d = Dog()
d.name = "rex"
public = lambda names: [n for n in names if not n.startswith("_")]
print(public(dir(d)), public(dir(Dog)))
print(public(dir([])))
print(public(dir({})))
print(dir(d) == sorted(dir(d)), "__init__" in dir(d), "__dict__" in dir(d))


def f():
    a = 1
    b = 2
    print(dir())


f()
