package ews_test

import "github.com/ewsgen/ewsgen/generated/ews"

// Minimal requests that satisfy the schema, for tests about transport,
// faults and retries (the client refuses to send invalid ones).

func stubFindItemReq() *ews.FindItem {
	return &ews.FindItem{Traversal: ews.ItemQueryTraversalShallow,
		ItemShape:       &ews.ItemResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ParentFolderIds: stubFolderIDs()}
}

func stubFindFolderReq() *ews.FindFolder {
	return &ews.FindFolder{Traversal: ews.FolderQueryTraversalShallow,
		FolderShape:     &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		ParentFolderIds: stubFolderIDs()}
}

func stubGetFolderReq() *ews.GetFolder {
	return &ews.GetFolder{FolderShape: &ews.FolderResponseShapeType{BaseShape: ews.DefaultShapeNamesIdOnly},
		FolderIds: stubFolderIDs()}
}

func stubSendItemReq() *ews.SendItem {
	return &ews.SendItem{SaveItemToFolder: true,
		ItemIds: &ews.NonEmptyArrayOfBaseItemIdsType{Items: []ews.NonEmptyArrayOfBaseItemIdsTypeChoice{&ews.ItemIdType{Id: "a"}}}}
}

func stubFolderIDs() *ews.NonEmptyArrayOfBaseFolderIdsType {
	return &ews.NonEmptyArrayOfBaseFolderIdsType{Items: []ews.NonEmptyArrayOfBaseFolderIdsTypeChoice{
		&ews.DistinguishedFolderIdType{Id: ews.DistinguishedFolderIdNameInbox}}}
}
