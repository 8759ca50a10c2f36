del undefined_x
