const _: () = {
    let _ = {
        let __cfn_sub_arg0 = ::cfn::model::interface::sub_arg(handle.id());
        let __cfn_sub_cap0 = ::cfn::model::interface::sub_arg(&name);
        ::cfn::model::Value::<
            ::std::string::String,
        >::sub([
            ::cfn::model::SubPart::lit("arn:"),
            ::cfn::model::interface::sub_pseudo("AWS::Partition"),
            ::cfn::model::SubPart::lit(":s3:::"),
            ::core::clone::Clone::clone(&__cfn_sub_arg0),
            ::cfn::model::SubPart::lit("/${Literal}/"),
            ::core::clone::Clone::clone(&__cfn_sub_arg0),
            ::cfn::model::SubPart::lit("-"),
            ::core::clone::Clone::clone(&__cfn_sub_cap0),
        ])
    };
};
