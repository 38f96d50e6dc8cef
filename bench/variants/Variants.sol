// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

// Design variants of the register for bench/variants.ts: the same applications and claims, recorded four ways.
// Each variant lets only its office's signer write (one storage read, as dipr's role check is at least one), so
// the gas differences come from how the data is kept, not from who may write it. Not deployed anywhere.

/// @notice A priority claim as dipr's ClaimInput (office, filing date, number as a left-aligned bytes32).
struct BenchClaim {
    bytes2 office;
    uint32 filingDate;
    bytes32 number;
}

/// @notice An application as dipr's ApplicationInput, without the parent link (no variant below links).
struct BenchApplication {
    bytes32 number;
    uint32 filingDate;
    uint8 ipType;
    BenchClaim[] claims;
}

abstract contract SignedByOffice {
    error BenchUnauthorizedSigner(bytes2 office, address account);

    mapping(address signer => bytes2 office) private _officeOf;

    constructor(address signer, bytes2 office) {
        _officeOf[signer] = office;
    }

    modifier onlySigner(bytes2 office) {
        if (_officeOf[msg.sender] != office) revert BenchUnauthorizedSigner(office, msg.sender);
        _;
    }
}

/// @notice Numbers as strings in storage: the record and every claim are readable by other contracts.
contract StringsRegister is SignedByOffice {
    struct StoredClaim {
        string office;
        string number;
        uint32 filingDate;
    }

    struct StoredApplication {
        string office;
        string number;
        uint32 filingDate;
        uint8 ipType;
        StoredClaim[] claims;
    }

    struct StringClaim {
        string office;
        string number;
        uint32 filingDate;
    }

    struct StringApplication {
        string number;
        uint32 filingDate;
        uint8 ipType;
        StringClaim[] claims;
    }

    error BenchApplicationExists(bytes32 applicationId);

    event ApplicationRegistered(bytes32 indexed applicationId);

    mapping(bytes32 applicationId => StoredApplication) private _applications;

    constructor(address signer, bytes2 office) SignedByOffice(signer, office) {}

    function registerApplications(string calldata office, StringApplication[] calldata applications)
        external
        onlySigner(bytes2(bytes(office)))
    {
        for (uint256 i = 0; i < applications.length; i++) {
            StringApplication calldata input = applications[i];
            bytes32 id = keccak256(abi.encodePacked(office, "/", input.number));
            StoredApplication storage record = _applications[id];
            if (record.filingDate != 0) revert BenchApplicationExists(id);
            record.office = office;
            record.number = input.number;
            record.filingDate = input.filingDate;
            record.ipType = input.ipType;
            for (uint256 c = 0; c < input.claims.length; c++) {
                record.claims.push(StoredClaim(input.claims[c].office, input.claims[c].number, input.claims[c].filingDate));
            }
            emit ApplicationRegistered(id);
        }
    }

    function claimCount(bytes32 applicationId) external view returns (uint256) {
        return _applications[applicationId].claims.length;
    }
}

/// @notice Events only: no storage at all; the chain orders and timestamps what offices say, nothing more.
contract EventsOnlyRegister is SignedByOffice {
    event ApplicationRegistered(
        bytes2 indexed office, bytes32 indexed applicationId, bytes32 number, uint32 filingDate, uint8 ipType
    );
    event PriorityClaimed(
        bytes2 indexed office,
        bytes32 indexed applicationId,
        bytes32 indexed claimedId,
        uint8 sequence,
        bytes2 claimedOffice,
        uint32 claimedFilingDate,
        bytes32 claimedNumber
    );

    constructor(address signer, bytes2 office) SignedByOffice(signer, office) {}

    function registerApplications(bytes2 office, BenchApplication[] calldata applications) external onlySigner(office) {
        for (uint256 i = 0; i < applications.length; i++) {
            BenchApplication calldata input = applications[i];
            bytes32 id = keccak256(abi.encodePacked(office, input.number));
            emit ApplicationRegistered(office, id, input.number, input.filingDate, input.ipType);
            for (uint256 c = 0; c < input.claims.length; c++) {
                BenchClaim calldata claim = input.claims[c];
                bytes32 claimedId = keccak256(abi.encodePacked(claim.office, claim.number));
                emit PriorityClaimed(office, id, claimedId, uint8(c + 1), claim.office, claim.filingDate, claim.number);
            }
        }
    }
}

/// @notice A commitment per batch: one Merkle root of the batch's records; the records themselves stay off chain.
contract MerkleRootRegister is SignedByOffice {
    error BenchBatchExists(bytes32 root);

    event BatchCommitted(bytes2 indexed office, bytes32 indexed root, uint32 applications);

    mapping(bytes32 root => uint256 committedAt) private _batches;

    constructor(address signer, bytes2 office) SignedByOffice(signer, office) {}

    function commitBatch(bytes2 office, bytes32 root, uint32 applications) external onlySigner(office) {
        if (_batches[root] != 0) revert BenchBatchExists(root);
        _batches[root] = block.number;
        emit BatchCommitted(office, root, applications);
    }

    /// @notice Whether `leaf` is in a committed batch, given its Merkle proof (sorted-pair hashing).
    function proveIncluded(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        bytes32 node = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            node = node < proof[i] ? keccak256(abi.encodePacked(node, proof[i])) : keccak256(abi.encodePacked(proof[i], node));
        }
        return node == root && _batches[root] != 0;
    }
}
