# A subclass extends its parent's __init__ through super() and overrides a method.
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"


class Dog(Animal):
    def __init__(self, name, trick):
        super().__init__(name)
        self.trick = trick

    def speak(self):
        return self.name + " barks"


d = Dog("Rex", "sit")
print(d.speak(), d.trick)
print(isinstance(d, Animal), Dog.__mro__[1].__name__)
print(Animal.speak(d))
