//! Shapes on a grid: an enum with data variants, and a struct with a lifetime, a type and a const
//! parameter, public fields and a `where` clause. `dir_help` shows one of them; `tests/rust_pages.rs`
//! includes this file as a fixture whose pages are checked against rustdoc's.

use introspect::Introspect;
use std::fmt;

/// A plane figure.
#[derive(Introspect, Debug, Clone, PartialEq)]
pub enum Shape {
    /// A circle of radius `r`.
    Circle {
        /// The radius.
        r: f64,
    },
    /// A square with sides of the given length.
    Square(f64),
    /// Nothing at all.
    Empty,
}

#[introspect::methods]
impl Shape {
    /// The unit square.
    pub const UNIT: Shape = Shape::Square(1.0);

    /// The area, in square units.
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle { r } => std::f64::consts::PI * r * r,
            Shape::Square(side) => side * side,
            Shape::Empty => 0.0,
        }
    }

    /// The shape scaled by `k`.
    #[must_use]
    pub fn scaled(&self, k: f64) -> Self {
        match self {
            Shape::Circle { r } => Shape::Circle { r: r * k },
            Shape::Square(side) => Shape::Square(side * k),
            Shape::Empty => Shape::Empty,
        }
    }
}

/// Writes `circle(r=1)`, `square(2)` or `empty`.
#[introspect::methods]
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Circle { r } => write!(f, "circle(r={r})"),
            Shape::Square(side) => write!(f, "square({side})"),
            Shape::Empty => f.write_str("empty"),
        }
    }
}

/// `N` cells of `T` with a name borrowed for `'a`.
#[derive(Introspect, Debug)]
pub struct Grid<'a, T, const N: usize> {
    /// The grid's name.
    pub name: &'a str,
    /// The cells, row by row.
    pub cells: [T; N],
}

#[introspect::methods]
impl<'a, T: Copy + Default, const N: usize> Grid<'a, T, N> {
    /// How many cells a grid holds.
    pub const CELLS: usize = N;

    /// A grid of default cells.
    pub fn new(name: &'a str) -> Self {
        Grid {
            name,
            cells: [T::default(); N],
        }
    }

    /// The grid with `f` applied to every cell.
    pub fn map<U, F>(&self, f: F) -> Grid<'a, U, N>
    where
        F: Fn(T) -> U,
        U: Copy + Default,
    {
        let mut cells = [U::default(); N];
        for (out, cell) in cells.iter_mut().zip(self.cells) {
            *out = f(cell);
        }
        Grid {
            name: self.name,
            cells,
        }
    }
}

/// Grids of the same size compare cell by cell.
#[introspect::methods]
impl<'a, T: PartialEq, const N: usize> PartialEq for Grid<'a, T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.cells == other.cells
    }
}
