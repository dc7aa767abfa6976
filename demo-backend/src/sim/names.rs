//! Fixed vocabularies of the simulation. Names mix Spanish, Portuguese and
//! English on purpose: accents and non-ASCII letters must survive the whole
//! pipeline (JSON, search, sorting) in the monitor.

/// Departments: (id, name, weight of arrivals).
pub const DEPARTMENTS: &[(&str, &str, u32)] = &[
    ("d-sales", "Sales", 22),
    ("d-support", "Support", 30),
    ("d-billing", "Billing", 15),
    ("d-returns", "Returns", 10),
    ("d-vip", "VIP", 8),
    ("d-technical", "Technical", 15),
];

pub const FIRST_NAMES: &[&str] = &[
    "José",
    "João",
    "María",
    "Ana",
    "Lucía",
    "Sofía",
    "Martín",
    "Mateo",
    "Camila",
    "Valentina",
    "Diego",
    "Joaquín",
    "Inês",
    "Conceição",
    "Gonçalo",
    "Tomás",
    "Renata",
    "Beatriz",
    "Raúl",
    "Andrés",
    "Verónica",
    "Íñigo",
    "Marta",
    "Carlos",
    "Fernanda",
    "Rafael",
    "Thiago",
    "Letícia",
    "Paula",
    "Sebastián",
    "Emily",
    "James",
    "Olivia",
    "Noah",
    "Chloé",
    "Zoë",
    "Mónica",
    "Ángel",
    "Nuria",
    "Álvaro",
    "Júlia",
    "Caio",
    "Bruna",
    "Héctor",
    "Ramón",
    "Luis",
    "Pilar",
    "Simón",
];

pub const LAST_NAMES: &[&str] = &[
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Díaz",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Núñez",
    "Ibáñez",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Pereira",
    "Conceição",
    "Gonçalves",
    "Araújo",
    "Magalhães",
    "Simões",
    "Brandão",
    "Castro",
    "Ortega",
    "Peña",
    "Varela",
    "Smith",
    "Johnson",
    "O'Brien",
    "Müller",
    "Rossi",
    "Herrera",
    "Vázquez",
    "Cortés",
    "Ríos",
    "Falcão",
];

/// Channels with their share of traffic.
pub const CHANNELS: &[(&str, u32)] = &[
    ("whatsapp", 45),
    ("webchat", 20),
    ("instagram", 10),
    ("messenger", 8),
    ("email", 8),
    ("sms", 5),
    ("telegram", 4),
];

/// Country calling codes and the number of national digits after them.
pub const PHONE_PREFIXES: &[(&str, usize)] = &[
    ("+34", 9),
    ("+52", 10),
    ("+54", 10),
    ("+55", 11),
    ("+56", 9),
    ("+57", 10),
    ("+351", 9),
];

pub const EMAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "correo.example",
    "mail.example",
];

/// What customers open with, by department (same order as [`DEPARTMENTS`]).
pub const OPENERS: &[&[&str]] = &[
    &[
        "Hola, quiero saber el precio del plan anual.",
        "¿Tienen stock del modelo azul en talla M?",
        "Quisiera contratar el servicio para mi empresa.",
    ],
    &[
        "Buenas, no puedo entrar a mi cuenta.",
        "Mi pedido figura como entregado pero no llegó.",
        "La app se cierra sola cuando abro el carrito.",
    ],
    &[
        "Me cobraron dos veces este mes.",
        "Necesito la factura con otro CUIT/NIF.",
        "¿Cuándo vence mi próxima cuota?",
    ],
    &[
        "Quiero devolver un producto que llegó dañado.",
        "¿Cómo genero la etiqueta de devolución?",
        "Ya envié la devolución, ¿cuándo me reembolsan?",
    ],
    &[
        "Soy cliente premium y necesito atención urgente.",
        "Quiero cambiar la fecha de mi reserva.",
        "Necesito hablar con mi ejecutivo de cuenta.",
    ],
    &[
        "El router parpadea en rojo desde ayer.",
        "No me llega el código de verificación por SMS.",
        "La integración devuelve error 500 desde la mañana.",
    ],
];

pub const CUSTOMER_LINES: &[&str] = &[
    "Ok, gracias.",
    "¿Y eso cuánto tarda?",
    "Te paso una foto.",
    "Sigue sin funcionar.",
    "Perfecto, ahora sí.",
    "No entendí, ¿me explicás de nuevo?",
    "Obrigado! 😊",
    "Ya lo intenté y nada.",
    "Mi número de pedido es 48213.",
];

pub const AGENT_LINES: &[&str] = &[
    "Ya reviso tu caso, dame un momento.",
    "¿Me confirmás el número de pedido?",
    "Listo, lo dejé registrado.",
    "Te envío el enlace por este medio.",
    "¿Podés probar reiniciando la aplicación?",
    "Gracias por la paciencia.",
    "Derivé el caso al área correspondiente.",
];

/// Lowercase ASCII form of a name for e-mail addresses ("José Núñez" → "jose.nunez").
pub fn ascii_slug(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        for c in part.chars().flat_map(char::to_lowercase) {
            let folded = match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                c if c.is_ascii_alphanumeric() => c,
                _ => continue,
            };
            out.push(folded);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_accents_and_drops_punctuation() {
        assert_eq!(ascii_slug(&["Íñigo", "O'Brien"]), "inigo.obrien");
        assert_eq!(ascii_slug(&["João", "Conceição"]), "joao.conceicao");
    }

    #[test]
    fn every_department_has_openers() {
        assert_eq!(OPENERS.len(), DEPARTMENTS.len());
    }
}
