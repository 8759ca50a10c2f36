class A:
    pass


result = (A()
          .missing
          .more)
