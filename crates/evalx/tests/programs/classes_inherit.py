class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + "!"
for a in [Animal("x"), Dog("Rex"), Puppy("Bit", 1)]:
    print(a.describe())
print(issubclass(Puppy, Animal), isinstance(Puppy("a", 1), Dog), Puppy.__mro__ == (Puppy, Dog, Animal, object))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__)
