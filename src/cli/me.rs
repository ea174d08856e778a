//! Who I am, asked once: at the first start of the interface with no
//! agency named anywhere (`[me]`, `--as`, `PLANTRACK_AGENCY`), the person's
//! name and agency are asked on the terminal and saved as `[me]` in the
//! configuration file, before the screen is taken over.

use super::{CliError, resolve_agency};
use crate::i18n::Lang;
use crate::replica::Replica;
use std::io::{BufRead, Write};

/// Asks for the name (default `login`) and the agency, the agency resolved
/// against the registry and the loaded plans; asked again, with the
/// reason, when nobody is called so. `None` when the user leaves the agency
/// empty (not now) or the input ends.
pub fn ask(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    replica: &Replica,
    login: &str,
    zh: bool,
) -> Option<(String, String)> {
    let mut line = String::new();
    let mut read = |out: &mut dyn Write, prompt: &str| -> Option<String> {
        let _ = write!(out, "{prompt}");
        let _ = out.flush();
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim().to_string()),
        }
    };
    let name = read(
        out,
        &if zh {
            format!("姓名 [{login}]：")
        } else {
            format!("Your name [{login}]: ")
        },
    )?;
    let name = if name.is_empty() {
        login.to_string()
    } else {
        name
    };
    loop {
        let agency = read(
            out,
            if zh {
                "所在单位（如 国家知识产权局；直接回车：暂不填写）："
            } else {
                "Your agency (e.g. 国家知识产权局, CNIPA; Enter: not now): "
            },
        )?;
        if agency.is_empty() {
            return None;
        }
        match resolve_agency(replica, &agency, if zh { Lang::Zh } else { Lang::En }) {
            Ok(short) => return Some((name, short)),
            Err(CliError::Usage(why)) => {
                let _ = writeln!(out, "{why}");
            }
            Err(other) => {
                let _ = writeln!(out, "{other}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Plan, Section, Task};

    fn replica() -> Replica {
        Replica::new(
            Catalog::new(vec![Plan::new(
                "p",
                "计划",
                vec![Section::new(
                    "一",
                    "工作",
                    vec![Task::new(1, "任务。", &["知识产权局", "某某办公室"])],
                    vec![],
                )],
            )]),
            Vec::new(),
        )
    }

    #[test]
    fn the_agency_is_asked_again_until_someone_is_called_so() {
        let mut input: &[u8] = "张三\n外星局\nCNIPA\n".as_bytes();
        let mut out = Vec::new();
        let me = ask(&mut input, &mut out, &replica(), "zhangsan", true);
        assert_eq!(me, Some(("张三".into(), "知识产权局".into())));
        let said = String::from_utf8(out).expect("utf-8");
        assert!(said.contains("外星局"), "{said}");

        // The login name by default; a plan's own agency name is accepted.
        let mut input: &[u8] = "\n某某办公室\n".as_bytes();
        let me = ask(&mut input, &mut Vec::new(), &replica(), "zhangsan", false);
        assert_eq!(me, Some(("zhangsan".into(), "某某办公室".into())));

        // Not now, or the input ends: nothing.
        let mut input: &[u8] = "张三\n\n".as_bytes();
        assert_eq!(
            ask(&mut input, &mut Vec::new(), &replica(), "z", true),
            None
        );
        let mut input: &[u8] = "".as_bytes();
        assert_eq!(
            ask(&mut input, &mut Vec::new(), &replica(), "z", true),
            None
        );
    }
}
