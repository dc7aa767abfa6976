//! Finding elements the way assistive technology names them.
//!
//! The script maps a role to the elements that carry it (explicitly or by
//! their tag) and computes each one's accessible name from `aria-label`,
//! `aria-labelledby`, associated `<label>`s, then text content — the parts of
//! the accessible-name algorithm this app's markup uses.

/// The ARIA roles the tests look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Alert,
    Button,
    Cell,
    Checkbox,
    ColumnHeader,
    ComboBox,
    Dialog,
    Group,
    Heading,
    Img,
    MenuItem,
    Radio,
    Row,
    SearchBox,
    SpinButton,
    Status,
    Tab,
    Table,
    TextBox,
}

impl Role {
    /// CSS selector for the elements that have this role.
    pub fn selector(self) -> &'static str {
        match self {
            Role::Alert => "[role=alert]",
            Role::Button => "button:not([role]), [role=button]",
            Role::Cell => "[role=cell], td",
            Role::Checkbox => "input[type=checkbox], [role=checkbox]",
            Role::ColumnHeader => "[role=columnheader], th",
            Role::ComboBox => "select, [role=combobox]",
            Role::Dialog => "dialog[open], [role=dialog]",
            Role::MenuItem => "[role=menuitem]",
            Role::Group => "[role=group], fieldset",
            Role::Heading => "h1, h2, h3, h4, h5, h6, [role=heading]",
            Role::Img => "img, [role=img]",
            Role::Radio => "input[type=radio], [role=radio]",
            Role::Row => "[role=row], tr",
            Role::SearchBox => "input[type=search], [role=searchbox]",
            Role::SpinButton => "input[type=number], [role=spinbutton]",
            Role::Status => "[role=status]",
            Role::Tab => "[role=tab]",
            Role::Table => "[role=table], table",
            Role::TextBox => {
                "input:not([type]), input[type=text], input[type=password], textarea, [role=textbox]"
            }
        }
    }
}

/// JS: `(selector, name, scope?) → elements` whose accessible name equals
/// `name` (whitespace-normalized), or all of them when `name` is null.
pub const FIND_SCRIPT: &str = r#"
const [selector, name, scope] = arguments;
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const textOf = (el) => norm(el.innerText !== undefined ? el.innerText : el.textContent);
const accessibleName = (el) => {
  const label = el.getAttribute('aria-label');
  if (label) return norm(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return norm(by.split(/\s+/).map(id => { const n = document.getElementById(id); return n ? textOf(n) : ''; }).join(' '));
  if (el.labels && el.labels.length) return norm(Array.from(el.labels).map(textOf).join(' '));
  return textOf(el);
};
const root = scope || document;
return Array.from(root.querySelectorAll(selector))
  .filter(el => name === null || accessibleName(el) === norm(name));
"#;

/// JS: the accessible names of `(selector, scope?)` matches, in document order.
pub const NAMES_SCRIPT: &str = r#"
const [selector, scope] = arguments;
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const textOf = (el) => norm(el.innerText !== undefined ? el.innerText : el.textContent);
const root = scope || document;
return Array.from(root.querySelectorAll(selector)).map(el => {
  const label = el.getAttribute('aria-label');
  if (label) return norm(label);
  if (el.labels && el.labels.length) return norm(Array.from(el.labels).map(textOf).join(' '));
  return textOf(el);
});
"#;
