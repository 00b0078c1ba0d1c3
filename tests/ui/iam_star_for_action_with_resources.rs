// `s3:DeleteObject` acts on objects: `*` is refused, `.on_all_resources_unchecked()` is the visible escape.
use cfn::aws::s3;
use cfn::model::policy::Statement;

fn main() {
    let _ = Statement::allow(s3::actions::DeleteObject).on_all_resources();
}
