def show():
    print(f"value is {undefined_name + 1}")


show()
